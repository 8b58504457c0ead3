export default definePageConfig({ navigationBarTitleText: '分诊数据', enablePullDownRefresh: true })
