export default definePageConfig({ navigationBarTitleText: '科服保姆分诊', enablePullDownRefresh: true })
