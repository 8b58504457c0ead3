// Routes live only here. Tab pages stay in the main package (WeChat requires it); everything
// else is a subpackage so the main package stays small for 2G/3G first opens.
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/listings/index', 'pages/news/index', 'pages/mine/index'],
  subPackages: [
    { root: 'packages/news', pages: ['article/index'] },
    { root: 'packages/account', pages: ['login/index', 'profile/index', 'privacy/index'] },
    { root: 'packages/listings', pages: ['detail/index', 'publish/index', 'mine/index', 'quick-ask/index'] },
    // 科技成果: browsing only; publishing and the detail are the listings pages (kind=achievement).
    { root: 'packages/achievements', pages: ['index'] },
    // Staff tools: only staff reach them (the server refuses everyone else).
    { root: 'packages/staff', pages: ['review/index', 'verifications/index', 'news-import/index', 'contests/index', 'contests/manage/index', 'article-links/index'] },
    // 科创工作室 (the server module is `studios`). The route keeps its old name on purpose:
    // packages/studio/index is printed in 小程序码 posters and sits in links already shared, which
    // must keep opening. A rename needs a redirect page left at this path, never a plain move.
    { root: 'packages/studio', pages: ['index', 'edit/index'] },
    // 乡土人才 contests (大赛 / 科创会): list, detail, sign-up, 举荐, 乡土人才库 (shared pages read without login).
    {
      root: 'packages/contests',
      pages: ['index', 'detail/index', 'signup/index', 'nominate/index', 'nominations/index', 'received/index', 'talents/index', 'talent/index'],
    },
    // 数据看板: verified township chairs and staff (the server decides which area each may see).
    { root: 'packages/dashboard', pages: ['index', 'targets/index'] },
    // 我的传播 (a volunteer's numbers and the 智慧科普传播员 boards) and 分享海报.
    { root: 'packages/sharing', pages: ['index', 'poster/index'] },
    // 我的消息: what happened to the person (responses, review results, 举荐, verification).
    { root: 'packages/messages', pages: ['index'] },
    // 科服保姆 (triage): the queue and 保姆单, 问题解决了吗, the figures and county ranking, staff
    // appointing 科服保姆, an expert's assignments.
    { root: 'packages/triage', pages: ['index', 'case/index', 'followup/index', 'figures/index', 'keepers/index', 'assigned/index'] },
  ],
  // The news subpackage is where most shared links land: fetch it early on good networks.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['packages/news'] },
    'pages/listings/index': { network: 'all', packages: ['packages/listings'] },
    'pages/mine/index': { network: 'all', packages: ['packages/account'] },
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#0b6bcb',
    navigationBarTitleText: '天府科技云',
    navigationBarTextStyle: 'white',
  },
  // The mini program draws its own tab bar (src/custom-tab-bar, the same four tabs as
  // utils/tab-bar.ts) so the labels follow 长辈模式 and WeChat's font scale; the list below still
  // names the tab pages and their icons (PNG ≤ 40 KB, drawn by scripts/tab-icons.mjs). Taro's H5
  // router renders no custom tab bar, so H5 keeps Taro's own, styled in app.scss.
  tabBar: {
    custom: process.env.TARO_ENV === 'weapp',
    color: '#5c6b7a',
    selectedColor: '#0b6bcb',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab-bar/home.png', selectedIconPath: 'assets/tab-bar/home-on.png' },
      { pagePath: 'pages/listings/index', text: '所能所需', iconPath: 'assets/tab-bar/listings.png', selectedIconPath: 'assets/tab-bar/listings-on.png' },
      { pagePath: 'pages/news/index', text: '科技资讯', iconPath: 'assets/tab-bar/news.png', selectedIconPath: 'assets/tab-bar/news-on.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab-bar/mine.png', selectedIconPath: 'assets/tab-bar/mine-on.png' },
    ],
  },
  // Privacy: the mini program declares what it collects in the admin console; this makes
  // wx.onNeedPrivacyAuthorization fire so our own popup asks first.
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
})
