import { useState } from 'react'
import { Button } from '@tarojs/components'
import { saveDownload } from '../../../utils/save-download'
import { downloadTriageCaseCsv } from '../../../services/triage'

// 导出: the 保姆单 as a CSV file Excel opens, for the chair or staff who report it upwards from a
// PC. H5 only, as on the dashboard: the API wants the session's bearer token, so the file is
// fetched with it into a blob and saved through a download link. The mini program has no way to
// hand a CSV to the person (wx.openDocument opens doc/xls/ppt/pdf, not csv), so it is not offered there.
const H5 = process.env.TARO_ENV === 'h5'

export function ExportButton({ listingId }: { listingId: number }) {
  const [busy, setBusy] = useState(false)
  if (!H5) return null

  const save = async () => {
    if (busy) return
    setBusy(true)
    try {
      await saveDownload(() => downloadTriageCaseCsv(listingId), `保姆单-${listingId}.csv`)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Button className='btn btn--plain triage-case__export' disabled={busy || undefined} onClick={save}>
      导出保姆单
    </Button>
  )
}
