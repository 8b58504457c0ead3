export default definePageConfig({
  navigationBarTitleText: '科技资讯',
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
