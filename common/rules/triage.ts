// 科服保姆 (triage): the words of a case's life, shared by the app and the server. The hours and
// days themselves are settings (server/src/config.ts TRIAGE_*): clock hours in China time, with
// nothing skipped — a herder's sick yak does not wait for Monday.

/** open: no accepted answer yet (in the queue); accepted; resolved; closed (withdrawn). */
export const TRIAGE_STATES = ['open', 'accepted', 'resolved', 'closed'] as const
export type TriageState = (typeof TRIAGE_STATES)[number]

/** Why a case is at the top of the queue. */
export const URGENT_REASONS = ['unanswered', 'overdue', 'declined', 'reopened'] as const
export type UrgentReason = (typeof URGENT_REASONS)[number]
export const URGENT_REASON_LABELS: Record<UrgentReason, string> = {
  unanswered: '超时无人回应',
  overdue: '指派的专家逾期未答',
  declined: '指派的专家婉拒',
  reopened: '回访：问题没有解决',
}

export const ASSIGNMENT_STATUSES = ['open', 'answered', 'declined', 'overdue'] as const
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number]
export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = {
  open: '待回复',
  answered: '已回复',
  declined: '已婉拒',
  overdue: '已逾期',
}

/** The answers to 问题解决了吗. 'unsolved' reopens the need into triage. */
export const FOLLOWUP_OUTCOMES = ['solved', 'partial', 'unsolved'] as const
export type FollowupOutcome = (typeof FOLLOWUP_OUTCOMES)[number]

/** 7 and 30 days after a need is resolved, its farmer is asked. */
export const FOLLOWUP_ROUNDS = [7, 30] as const
export type FollowupRound = (typeof FOLLOWUP_ROUNDS)[number]

/** Experts one need may be put to at once. */
export const MAX_ASSIGNEES = 5

/** The 48-hour mark of the figures (a fixed definition, whatever the assignment deadline setting). */
export const ANSWERED_WITHIN_MINUTES = 48 * 60
