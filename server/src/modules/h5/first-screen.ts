import type { ArticleSummary } from '../../../../common/schemas/news'
import { formatChineseDate } from '../../../../common/format'

// The H5 site's first screen, as plain HTML inside index.html. On Slow 3G the app's scripts take
// seconds to arrive; this shows the home page's hero and latest articles (real links) as soon as
// the HTML does. The app removes it when its first page mounts. A link to any other page (a
// shared article, say) hides it at once, before first paint, so nobody sees the wrong page.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
/** Five characters, no dependency: article titles are the only dynamic text here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c])
}

// It mirrors the app's home page as the app first draws it, in the app's own units (Taro turns a
// design px into 1/40 rem, and index.html sizes the rem before this is parsed): hero, join card,
// the eight entries, 最新资讯 and the article cards. It lies over the app (absolute, on top) rather
// than above it in the flow, so when the app takes over and it is removed, nothing on the page
// moves: it was 1.01 of Cumulative Layout Shift when the app was drawn under a full screen of it
// and then jumped up. html and body fill the screen as the app's CSS will make them: Taro's rem
// script sizes the rem from the height of <html> too, and a short page would get a smaller rem
// until the app arrives, then everything would grow.
const STYLE = `html,body{height:100%}#first-screen{position:absolute;top:0;left:0;right:0;z-index:1000;min-height:100vh;max-width:18.75rem;margin:0 auto;background:#f4f6f8;color:#1f2d3d;font-family:-apple-system-font,Helvetica Neue,sans-serif;font-size:.8rem;line-height:1.6;display:flow-root}
#first-screen a{color:inherit;text-decoration:none}
.fs-hero{padding:1.2rem .6rem 1.4rem;background:linear-gradient(160deg,#0b6bcb,#0a8f6a);color:#fff}
.fs-name{font-size:1.1rem;font-weight:700}.fs-slogan{margin-top:.2rem;opacity:.9}
.fs-card{display:block;margin:.6rem;padding:.6rem;min-height:2.2rem;background:#fff;border-radius:.4rem}
.fs-join-text{margin-bottom:.6rem}
.fs-btn{display:flex;align-items:center;justify-content:center;min-height:2.2rem;padding:0 .8rem;border-radius:.4rem;background:#0b6bcb;color:#fff!important;line-height:1.3}
.fs-entries{display:flex;flex-wrap:wrap;gap:.6rem;margin:.6rem}
.fs-entry{flex:1 1 30%;min-height:2.2rem;padding:.6rem .4rem;box-sizing:border-box;background:#fff;border-radius:.4rem;text-align:center}
.fs-entry b{display:block;font-size:.9rem;font-weight:600;color:#0b6bcb}
.fs-muted{display:block;color:#5c6b7a;font-size:.65rem}
.fs-latest{display:flex;justify-content:space-between;align-items:center;margin:.6rem .6rem 0;font-size:.9rem;font-weight:600}
.fs-more{min-height:2.2rem;line-height:2.2rem;color:#0b6bcb!important;font-size:.8rem;font-weight:400}
.fs-article b{display:block;font-size:.9rem;font-weight:600;line-height:1.4}.fs-article span{display:block;margin-top:.3rem;color:#5c6b7a}
.fs-article .fs-muted{margin-top:.3rem}
.fs-registered .fs-join,.fs-registered .fs-guest,.fs-user .fs-signed-out,html:not(.fs-user) .fs-signed-in,html:not(.fs-registered) .fs-member{display:none}
.deep-link #first-screen{display:none}`

// Runs before the snapshot is parsed: only the home route (no hash, or the home page's) shows it,
// and a signed-in person (Taro keeps { data } under 'session.user') gets the home page they will see.
const ROUTE_CHECK =
  `if(location.hash&&!/^#\\/?(pages\\/index\\/index)?([?]|$)/.test(location.hash))document.documentElement.className+=' deep-link';` +
  `try{var u=JSON.parse(localStorage.getItem('session.user')||'null');u=u&&u.data;if(u)document.documentElement.className+=' fs-user'+(u.registered?' fs-registered':'')}catch(e){}`

// The home page's entries (pages/index/index.tsx), as plain links: they work before any script.
const ENTRIES: Array<{ label: string; hint: string; href: string; only?: 'guest' | 'member' }> = [
  { label: '发布需求', hint: '找专家帮忙', href: '#/packages/listings/publish/index?side=need' },
  { label: '找专家', hint: '看科技所能', href: '#/pages/listings/index' },
  { label: '科技成果', hint: '成果转化', href: '#/packages/achievements/index' },
  { label: '人才大赛', hint: '乡土人才大赛', href: '#/packages/contests/index' },
  { label: '所能所需', hint: '需求和服务', href: '#/pages/listings/index' },
  { label: '科技资讯', hint: '四川科技报', href: '#/pages/news/index' },
  { label: '注册', hint: '微信一键注册', href: '#/packages/account/login/index', only: 'guest' },
  { label: '我的资料', hint: '修改资料', href: '#/packages/account/profile/index', only: 'member' },
  { label: '长辈模式', hint: '字更大 更好点', href: '#/pages/mine/index' },
]

function articleMeta(a: ArticleSummary): string {
  const page = a.pageNo ? ` · 第${a.pageNo}版${a.pageName ? ` ${a.pageName}` : ''}` : ''
  return `四川科技报 ${formatChineseDate(a.publishedOn)}${page}`
}

export function renderFirstScreen(articles: ArticleSummary[]): string {
  const cards = articles
    .map(
      (a) =>
        `<a class="fs-card fs-article" href="#/packages/news/article/index?id=${a.id}"><b>${escapeHtml(a.title)}</b>` +
        (a.excerpt ? `<span>${escapeHtml(a.excerpt)}</span>` : '') +
        `<span class="fs-muted">${escapeHtml(articleMeta(a))}</span></a>`,
    )
    .join('')
  const entries = ENTRIES.map(
    (e) => `<a class="fs-entry${e.only ? ` fs-${e.only}` : ''}" href="${e.href}"><b>${e.label}</b><span class="fs-muted">${e.hint}</span></a>`,
  ).join('')
  return (
    `<style>${STYLE}</style><script>${ROUTE_CHECK}</script>` +
    `<div id="first-screen"><div class="fs-hero"><div class="fs-name">天府科技云</div>` +
    `<div class="fs-slogan">四川省科协 · 科技服务直达乡村</div></div>` +
    `<div class="fs-card fs-join"><div class="fs-join-text">注册后可以发布需求、找专家、报名乡土人才大赛</div>` +
    `<a class="fs-btn" href="#/packages/account/login/index"><span class="fs-signed-out">微信一键注册</span><span class="fs-signed-in">完善资料</span></a></div>` +
    `<div class="fs-entries">${entries}</div>` +
    `<div class="fs-latest">最新资讯<a class="fs-more" href="#/pages/news/index">更多 ›</a></div>${cards}</div>`
  )
}

/** Puts the snapshot in front of the app's mount point. */
export function injectFirstScreen(indexHtml: string, snapshot: string): string {
  return indexHtml.replace('<div id="app"></div>', `${snapshot}<div id="app"></div>`)
}
