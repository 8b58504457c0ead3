// What "a text a person writes" means, for the server's schemas and the app's forms alike.
// No imports: the mini program may use it without pulling zod into its bundle.
//
// Invisible formatting characters are removed before anything is counted, checked or stored.
// They change how the text around them reads without being seen themselves:
// - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the marks U+200E,
//   U+200F, U+061C: "成都‮txt.exe" shows reversed (the Trojan Source trick), a name can spoof another;
// - zero-width space U+200B, non-joiner U+200C, word joiner U+2060, BOM U+FEFF: two titles that
//   look the same differ, a name is padded past a length check, a word dodges the content check.
// The zero-width joiner U+200D is kept only inside an emoji sequence (👩‍🌾 "woman farmer" is
// 👩 + U+200D + 🌾); anywhere else it goes. Chinese needs none of these characters. Tibetan
// neither: its stacks are written with subjoined letters (U+0F90–U+0FBC), not with a joiner, and
// syllables are separated by the tsheg U+0F0B, so removing them changes nothing a reader sees.

const INVISIBLE = /[\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g
/**
 * An emoji and a joiner before another emoji (kept: group 1), or any other joiner (removed). The
 * emoji may carry a skin tone or the emoji variation selector. No lookbehind: older iOS WeChat
 * cannot parse one.
 */
const JOINER = /(\p{Extended_Pictographic}[\u{1f3fb}-\u{1f3ff}\ufe0f]?\u200d)(?=\p{Extended_Pictographic})|\u200d/gu
/** C0 controls and DEL other than tab and line breaks: never meant, and PostgreSQL text cannot hold U+0000. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
/** Every control character, line breaks and tabs included: for text shown on one line (names). */
const ANY_CONTROL = /\p{Cc}/u

/** The text without invisible formatting characters, trimmed. */
export function cleanText(s: string): string {
  return s
    .replace(INVISIBLE, '')
    .replace(JOINER, (_joiner, emoji: string | undefined) => emoji ?? '')
    .trim()
}

/** Characters as a person counts them: code points, so an emoji or a rare 汉字 is one. */
export function charCount(s: string): number {
  let n = 0
  for (const _ of s) n++
  return n
}

/** Whether the text holds a control character that no form means to send. */
export function hasControlChars(s: string, singleLine = false): boolean {
  return (singleLine ? ANY_CONTROL : CONTROL).test(s)
}
