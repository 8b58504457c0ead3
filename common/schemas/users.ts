import { z } from 'zod'
import { PRIVACY_VERSION, ROLES } from '../enums'
import { USER_LIMITS } from '../rules'
import { mobilePhone, text } from './common'
import { regionPath, townshipCode } from './regions'

// Nickname: WeChat nicknames are at most 20 characters in practice; counted in code points so an
// emoji is one. No control characters (newlines, tabs…): a nickname is shown on one line everywhere.
export const nickname = text(...USER_LIMITS.nickname, { message: 'NICKNAME_INVALID', singleLine: true })

export const role = z.enum(ROLES, { message: 'ROLE_INVALID' })

/**
 * The privacy guide version a person agrees to: only the current one (PRIVACY_VERSION). An older
 * app, or a missing or made-up version, answers CONSENT_REQUIRED: nobody is signed in on a guide
 * they were not shown.
 */
export const consentVersion = z.literal(PRIVACY_VERSION, { error: 'CONSENT_REQUIRED' })

/** POST /api/users/me/consent: a signed-in person agrees to the current guide (it changed since they last did). */
export const consentBody = z
  .object({ consentVersion, channel: z.enum(['weapp', 'h5']) })
  .meta({ examples: [{ consentVersion: PRIVACY_VERSION, channel: 'weapp' }] })

export const profileUpdateBody = z
  .object({
    nickname,
    role,
    regionCode: townshipCode,
    /**
     * A contact phone kept in the profile, filled into posts and 对接 (masked to others until an
     * accepted 对接, like every contact). Left out: unchanged; null: removed.
     */
    contactPhone: mobilePhone.nullable().optional(),
  })
  .meta({ examples: [{ nickname: '扎西', role: 'farmer', regionCode: '513328200' }, { nickname: '卓玛', role: 'chair', regionCode: '513328200', contactPhone: '13800001234' }] })
export type ProfileUpdate = z.infer<typeof profileUpdateBody>

/** The code from the button's getphonenumber event (single use); the number itself never travels from the app. */
export const phoneBody = z.object({ code: z.string().min(1).max(128) }).meta({ examples: [{ code: 'e31968a7f94cc5ee25fafc2aef2773f0bb8c3937b22520eb8ee345274d00c144' }] })

const verificationState = z.enum(['none', 'pending', 'verified', 'rejected'])

export const profile = z.object({
  id: z.number(),
  nickname: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  role: role.nullable(),
  /** Whether the role claim (chair/expert) has been verified by staff. */
  verification: verificationState,
  isStaff: z.boolean(),
  region: regionPath.nullable(),
  /** The number WeChat vouches for, masked for display: 138****1234. The full number is never sent back. */
  phoneMasked: z.string().nullable(),
  /**
   * The contact phone the person typed in their profile, in full: it is theirs, and the app fills
   * it into their forms. Only ever in their own profile.
   */
  contactPhone: z.string().nullable(),
  registered: z.boolean(),
  consentVersion: z.string().nullable(),
  /** The guide changed since they agreed: the app shows it again (until then signed-in actions answer CONSENT_REQUIRED). */
  consentRequired: z.boolean(),
  createdAt: z.string(),
})
export type Profile = z.infer<typeof profile>
