'use client';
import { ReasonForm } from '@/components/decision-form';
import { decideExclusionAction, revokeExclusionAction } from '../actions';

interface ExclusionRef {
  exclusionId: string;
  version: number;
}

const record = ({ exclusionId, version }: ExclusionRef) => ({ idField: 'exclusionId', id: exclusionId, version });

export function ApproveForm(props: ExclusionRef) {
  return (
    <ReasonForm
      action={decideExclusionAction}
      formId="approve"
      heading="Approve"
      tone="approve"
      record={record(props)}
      fields={{ decision: 'approve' }}
      reason={{ label: 'Comment (optional)', required: false }}
      submit={{ label: 'Approve exclusion' }}
    />
  );
}

export function RejectForm(props: ExclusionRef) {
  return (
    <ReasonForm
      action={decideExclusionAction}
      formId="reject"
      heading="Reject"
      tone="reject"
      record={record(props)}
      fields={{ decision: 'reject' }}
      reason={{ label: 'Reason (required, kept in the history)', required: true }}
      submit={{ label: 'Reject exclusion', variant: 'secondary' }}
    />
  );
}

export function RevokeForm(props: ExclusionRef) {
  return (
    <ReasonForm
      action={revokeExclusionAction}
      formId="revoke"
      heading="Revoke"
      note="The resource’s failures count as failures again at once."
      record={record(props)}
      reason={{ label: 'Reason (required, kept in the history)', required: true }}
      submit={{ label: 'Revoke exclusion', variant: 'secondary' }}
    />
  );
}
