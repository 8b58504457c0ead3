import { useState } from 'react'
import { Button, View } from '@tarojs/components'
import { saveDownload } from '../../utils/save-download'
import { downloadDashboardCsv } from '../../services/dashboard'

// 导出: the dashboard and its 新注册的人 as CSV files Excel opens, for staff and chairs reporting
// upwards from a PC. H5 only: the API wants the session's bearer token, so the file is fetched
// with it into a blob and saved through a download link. The mini program has no way to hand a
// CSV to the person — wx.openDocument opens doc/xls/ppt/pdf but not csv, and a phone has no Excel
// to put it in — so the buttons are not offered there.
const H5 = process.env.TARO_ENV === 'h5'

export function ExportButtons({ region, from, to, name }: { region: string; from: string; to: string; name: string }) {
  const [busy, setBusy] = useState(false)
  if (!H5) return null

  const save = async (what: 'dashboard' | 'people', fileName: string) => {
    if (busy) return
    setBusy(true)
    try {
      await saveDownload(() => downloadDashboardCsv(what, { region, from, to }), fileName)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='dashboard__export'>
      <Button className='btn btn--plain dashboard__export-data' disabled={busy || undefined} onClick={() => save('dashboard', `${name}-数据-${from}至${to}.csv`)}>
        导出数据
      </Button>
      <Button className='btn btn--plain dashboard__export-people' disabled={busy || undefined} onClick={() => save('people', `${name}-新注册的人-${from}至${to}.csv`)}>
        导出新注册的人
      </Button>
    </View>
  )
}
