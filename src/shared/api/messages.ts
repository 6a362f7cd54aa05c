import * as z from 'zod';
import { defineMethod } from '../define';
import { C, S, only, staff } from '../access';
import { Language } from '../i18n/languages';
import { Id, Instant, NoArgs, Ssin } from './common';
import { PersonDetails } from './booking';

export const MessageState = z.enum(['queued', 'sending', 'sent', 'uncertain', 'failed']);
export const MessageChannel = z.enum(['email', 'sms']);

/** How the citizen messages stand: `waiting` is queued or being sent; settled ones leave uncertain and failed. */
export const MessageStatus = z.object({
  waiting: z.number().int().nonnegative(),
  sent: z.number().int().nonnegative(),
  uncertain: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** The channels with a gateway set up: the card and the screens promise only these. */
  channels: z.array(MessageChannel),
});
export type MessageStatus = z.infer<typeof MessageStatus>;

export const MessageSummary = z.object({
  id: Id,
  appointmentId: Id,
  kind: z.enum(['booked', 'rebooked', 'cancelled', 'reminder']),
  channel: MessageChannel,
  recipient: z.string(),
  language: Language,
  startAt: Instant,
  state: MessageState,
  attempts: z.number().int().nonnegative(),
  /** Message key (messages.problem.*) of why it waits, may have gone, or failed; the gateway's words in detail. */
  problem: z.string().nullable(),
  problemDetail: z.string().nullable(),
  resolution: z.enum(['confirmed', 'resent', 'dropped']).nullable(),
  resendOf: Id.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  sentAt: Instant.nullable(),
});
export type MessageSummary = z.infer<typeof MessageSummary>;

const Email = z.string().trim().max(254);
const Phone = z.string().trim().max(40);

export const messagesMethods = {
  'messages.status': defineMethod(NoArgs, MessageStatus, staff()),
  'messages.list': defineMethod(
    z.object({ states: z.array(MessageState).min(1).max(5).optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
    z.array(MessageSummary),
    only([S], 'read'),
  ),
  /**
   * Settles a message that may have gone (uncertain) or was refused (failed): the person got it
   * (confirm), send it again as a new message (resend), or leave it (drop).
   */
  'messages.resolve': defineMethod(
    z.object({ messageId: Id, action: z.enum(['confirm', 'resend', 'drop']) }).strict(),
    MessageSummary,
    only([S], 'correct'),
  ),
  /**
   * Check-in: the person's e-mail and mobile number, and whether they want messages about their
   * appointments. A person not known here yet is registered from `person` (as read from the eID).
   */
  'messages.setContact': defineMethod(
    z.object({ ssin: Ssin, email: Email.nullable(), phone: Phone.nullable(), consent: z.boolean(), person: PersonDetails.optional() }).strict(),
    z.object({ email: z.string().nullable(), phone: z.string().nullable(), consent: z.boolean(), reachableBy: z.array(MessageChannel) }),
    only([C, S], 'correct'),
  ),
  /** The contact check-in shows on the person card (and which channels would reach them). */
  'messages.contact': defineMethod(
    z.object({ ssin: Ssin }).strict(),
    z.object({ email: z.string().nullable(), phone: z.string().nullable(), consent: z.boolean(), reachableBy: z.array(MessageChannel) }),
    only([C, S], 'read'),
  ),
};
