import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { upload, voiceUpload } from '../../../../common/schemas/listings'
import type { Deps } from '../../deps'
import { readImage, readVoice } from '../../lib/multipart'
import { MAX_VOICE_BYTES } from '../../lib/audio'
import { requireRegistered } from '../users/roles'
import { saveUpload, saveVoice } from './uploads.service'
import { alsoAnswers } from '../../plugins/openapi'

export const uploadsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireUser)
  app.post(
    '/',
    { schema: { tags: ['uploads'], security: [{ bearer: [] }], consumes: ['multipart/form-data'], response: { 200: upload, ...alsoAnswers(502) } } },
    async (request) => {
      // Before the body is read: an unregistered caller's file is never taken in.
      requireRegistered(request.user!)
      return saveUpload(deps, request.user!, await readImage(request))
    },
  )
  app.post(
    '/voice',
    {
      schema: {
        tags: ['uploads'],
        summary: '上传语音（MP3，1–60 秒，≤ 1MB）',
        description:
          '表单字段 file：MP3（按音频帧识别，不看文件名与类型），时长由服务器计算；之后交微信异步音频检测，未通过前只有本人与审核人员能听到。',
        security: [{ bearer: [] }],
        consumes: ['multipart/form-data'],
        response: { 200: voiceUpload, ...alsoAnswers(502) },
      },
    },
    async (request) => {
      requireRegistered(request.user!)
      return saveVoice(deps, request.user!, await readVoice(request, MAX_VOICE_BYTES))
    },
  )
}
