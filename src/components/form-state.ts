import type { ActionState } from '@/lib/actions';

export const IDLE_STATE: ActionState<never> = { status: 'idle' };
