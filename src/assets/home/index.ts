import publishNeed from './publish-need.png'
import askPhoto from './ask-photo.png'
import voice from './voice.png'
import experts from './experts.png'
import achievements from './achievements.png'
import contests from './contests.png'
import listings from './listings.png'
import news from './news.png'
import register from './register.png'
import elder from './elder.png'

// Pictures for the home page's entries (drawn by scripts/icons.mjs): the way to 求助 is found by
// its picture — a speech bubble with a question mark, in the one warm colour — before any word is
// read; 拍照/语音求助 (components/quick-ask-entry) by a camera and a microphone. Only what the home
// page shows is listed (each is inlined into the main package); my-posts and messages are in the
// folder for a page that imports them directly.
export const HOME_ICONS = {
  'publish-need': publishNeed,
  'ask-photo': askPhoto,
  voice,
  experts,
  achievements,
  contests,
  listings,
  news,
  register,
  elder,
} as const
export type HomeIcon = keyof typeof HOME_ICONS
