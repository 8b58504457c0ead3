import { CaptureError, type Capture } from './capture'

// The mini program records MP3 with WeChat's own RecorderManager and never needs the H5 encoder.
// Taro builds this file for weapp; load-encoder.h5.ts (Taro's per-platform file) for H5, so lamejs
// never enters a mini program package (a dead `if (TARO_ENV === 'h5')` branch around import() still
// put it into packages/listings/sub-vendors.js: 170 KB).
export async function startH5Capture(): Promise<Capture> {
  throw new CaptureError('unavailable')
}
