import { isHttpUrl } from '../../common/schemas/common'

// The one check for links people and staff store (common/schemas/common.ts httpUrl).
describe('isHttpUrl', () => {
  it.each([
    'http://www.sckjb.cn/paper/2026-11-20/1.html',
    'https://www.sckjb.cn/',
    'HTTPS://WWW.SCKJB.CN/A?b=1#c',
    'https://127.0.0.1:8080/x',
    'https://四川科技报.cn/今日',
  ])('takes %s', (url) => expect(isHttpUrl(url)).toBe(true))

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'file:///etc/passwd',
    '//evil.example/x',
    '/uploads/a.jpg',
    'https://',
    'https:///path',
    'https://good.cn@evil.example/',
    'https://a.cn/x y',
    'https://a.cn/\u0000',
    'https:\\\\evil.example',
    'http://a.cn\nhttps://b.cn',
  ])('refuses %j', (url) => expect(isHttpUrl(url)).toBe(false))
})
