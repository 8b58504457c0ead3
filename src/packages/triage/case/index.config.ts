export default definePageConfig({ navigationBarTitleText: '保姆单', enablePullDownRefresh: true })
