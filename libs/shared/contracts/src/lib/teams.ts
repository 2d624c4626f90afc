import type { TeamRole } from './identity';

export interface TeamSummary {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** The caller's role in the team, or null for a platform admin who is not a member. */
  myRole: TeamRole | null;
  memberCount: number;
}

export interface TeamMember {
  userId: string;
  email: string;
  displayName: string;
  role: TeamRole;
}

export interface TeamDetail extends TeamSummary {
  members: TeamMember[];
  createdAt: string;
}
