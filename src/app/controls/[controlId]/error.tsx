'use client';
import { RouteError } from '@/components/route-error';

export default function ControlError({ retry }: { retry: () => void }) {
  return <RouteError what="this control's posture" retry={retry} />;
}
