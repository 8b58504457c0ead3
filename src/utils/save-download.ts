import Taro from '@tarojs/taro'
import { messageOf } from '../services/http'

/**
 * H5: saves a file the API made (fetched with the session's bearer token into a blob URL by
 * `fetchUrl`) through a download link named `fileName`; a failure is a toast in the server's words.
 * The CSV exports (dashboard, 保姆单) share it.
 */
export async function saveDownload(fetchUrl: () => Promise<string>, fileName: string): Promise<void> {
  try {
    const url = await fetchUrl()
    const link = document.createElement('a')
    link.href = url
    link.download = fileName
    document.body.appendChild(link)
    link.click()
    link.remove()
    // The click has handed the blob to the browser's download; the URL can go.
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  } catch (err) {
    Taro.showToast({ title: messageOf(err), icon: 'none' })
  }
}
