'use client';
import { RouteError } from '@/components/route-error';

export default function OverviewError({ retry }: { retry: () => void }) {
  return <RouteError what="the overview" retry={retry} />;
}
