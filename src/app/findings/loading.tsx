import { PageSkeleton } from '@/components/posture-bits';

export default function Loading() {
  return <PageSkeleton title="Findings" />;
}
