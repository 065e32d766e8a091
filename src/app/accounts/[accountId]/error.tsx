'use client';
import { RouteError } from '@/components/route-error';

export default function AccountError({ retry }: { retry: () => void }) {
  return <RouteError what="this account's posture" retry={retry} />;
}
