'use client';
import { RouteError } from '@/components/route-error';

export default function ServiceError({ retry }: { retry: () => void }) {
  return <RouteError what="this service's posture" retry={retry} />;
}
