import type { Capture } from './capture'

// H5 only (Taro picks this file over load-encoder.ts): the recorder and its MP3 encoder (lamejs) are
// a chunk of their own, fetched when someone starts to record, never with a page.
export async function startH5Capture(): Promise<Capture> {
  const { startH5Capture: start } = await import(/* webpackChunkName: "voice-encoder" */ './h5-capture')
  return start()
}
