import { act, fireEvent, render, screen } from '@testing-library/react'
import { VoicePlayer, formatDuration } from '../../src/components/voice-player'

// The shared player on H5 (Taro's InnerAudioContext is an <audio> element there). jsdom plays no
// sound: play()/pause() are replaced at that edge by ones that fire the events a browser fires.
const played: HTMLMediaElement[] = []
let refuse = false
beforeEach(() => {
  played.length = 0
  refuse = false
  jest.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
    if (refuse) return Promise.reject(new DOMException('no supported source', 'NotSupportedError'))
    played.push(this)
    this.dispatchEvent(new Event('play'))
    return Promise.resolve()
  })
  jest.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(function (this: HTMLMediaElement) {
    this.dispatchEvent(new Event('pause'))
  })
})
afterEach(() => jest.restoreAllMocks())

test('durations read as m:ss', () => {
  expect(formatDuration(3096)).toBe('0:03')
  expect(formatDuration(12_000)).toBe('0:12')
  expect(formatDuration(60_000)).toBe('1:00')
  expect(formatDuration(59_400)).toBe('0:59')
  expect(formatDuration(60_300)).toBe('1:00')
})

test('plays, shows where it is, pauses and goes back to its length when it ends', async () => {
  render(<VoicePlayer url='/uploads/voices/a.mp3' durationMs={12_000} />)
  const button = screen.getByRole('button', { name: '播放语音 0:12' })
  expect(button.textContent).toBe('0:12')
  fireEvent.click(button)
  expect(played).toHaveLength(1)
  expect(played[0].src).toMatch(/\/uploads\/voices\/a\.mp3$/)
  expect(screen.getByRole('button', { name: '暂停 0:12' }).getAttribute('aria-pressed')).toBe('true')
  Object.defineProperty(played[0], 'currentTime', { configurable: true, get: () => 4.2, set: () => undefined })
  act(() => void played[0].dispatchEvent(new Event('timeupdate')))
  expect(button.textContent).toBe('0:04 / 0:12')
  fireEvent.click(button)
  expect(screen.getByRole('button', { name: '播放语音 0:12' }).getAttribute('data-state')).toBe('paused')
  // Resumes on the same audio (no second element).
  fireEvent.click(button)
  expect(played).toHaveLength(2)
  expect(played[1]).toBe(played[0])
  act(() => void played[0].dispatchEvent(new Event('ended')))
  expect(button.textContent).toBe('0:12')
})

test('one note at a time: starting another stops the one playing', () => {
  render(
    <>
      <VoicePlayer url='/uploads/voices/a.mp3' durationMs={3000} />
      <VoicePlayer url='/uploads/voices/b.mp3' durationMs={8000} />
    </>,
  )
  fireEvent.click(screen.getByRole('button', { name: '播放语音 0:03' }))
  fireEvent.click(screen.getByRole('button', { name: '播放语音 0:08' }))
  expect(screen.getByRole('button', { name: '暂停 0:08' })).toBeTruthy()
  // The first is stopped, back at its start.
  expect(screen.getByRole('button', { name: '播放语音 0:03' }).getAttribute('data-state')).toBe('idle')
})

test('a note that cannot be played says so, and can be tried again', async () => {
  refuse = true
  render(<VoicePlayer url='/uploads/voices/gone.mp3' durationMs={3000} />)
  fireEvent.click(screen.getByRole('button', { name: '播放语音 0:03' }))
  expect(await screen.findByText('语音放不出来，请稍后再试')).toBeTruthy()
  refuse = false
  fireEvent.click(screen.getByRole('button', { name: '播放语音 0:03' }))
  expect(screen.queryByText('语音放不出来，请稍后再试')).toBeNull()
  expect(played).toHaveLength(1)
})
