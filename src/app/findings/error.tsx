'use client';
import { RouteError } from '@/components/route-error';

export default function FindingsError({ retry }: { retry: () => void }) {
  return <RouteError what="the findings" retry={retry} />;
}
