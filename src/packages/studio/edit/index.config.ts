export default definePageConfig({
  navigationBarTitleText: '编辑科创工作室',
})
