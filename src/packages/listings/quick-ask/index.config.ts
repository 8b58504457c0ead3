export default definePageConfig({
  navigationBarTitleText: '拍照/语音求助',
})
