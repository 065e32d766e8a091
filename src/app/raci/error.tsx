'use client';
import { RouteError } from '@/components/route-error';

export default function RaciError({ retry }: { retry: () => void }) {
  return <RouteError what="the RACI matrix" retry={retry} />;
}
