// The player's labels under the i18n contract's keys (voice.*). Until src/i18n lands this answers
// the Chinese text; then this file re-exports src/i18n's useT and the strings live in the catalog.
const ZH = { 'voice.play': '播放语音', 'voice.pause': '暂停', 'voice.failed': '语音放不出来，请稍后再试' } as const

export function useT() {
  return { t: (key: keyof typeof ZH) => ZH[key] }
}
