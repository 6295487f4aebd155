/** The files `files` names, read as data: the references they hold, where, and what could not be verified. */
import type { Logger } from '../core/logger.js'
import type { FileReference, FileWarning } from '../files/types.js'
import type { Platform } from '../oci/platform.js'
import type { Inputs } from './inputs.js'

/** The files `files` names (only those the pull request changes, with changed-files-only), and their references. */
export async function scanFiles(
  inputs: Inputs,
  env: { env: NodeJS.ProcessEnv; logger: Logger; workspace: string },
  platforms: Platform[]
): Promise<{ refs: FileReference[]; warnings: FileWarning[]; errors: FileWarning[] }> {
  if (inputs.files.length === 0) return { refs: [], warnings: [], errors: [] }
  // Loaded when used: the YAML parser and the GitHub client cost startup time that most runs do not need.
  const { collectFiles } = await import('../files/extract.js')
  let only: Set<string> | undefined
  if (inputs.changedFilesOnly) {
    const { TooManyChangedFiles, changedFiles } = await import('../github/changed.js')
    const { pullRequestNumber, repositoryFromEnv } = await import('../github/api.js')
    const pull = pullRequestNumber(env.env)
    const repo = repositoryFromEnv(env.env)
    if (pull === undefined || !repo) {
      env.logger.notice(
        'changed-files-only applies to pull request events; this is not one, so every file that "files" names is checked'
      )
    } else {
      try {
        only = new Set(await changedFiles({ token: inputs.githubToken, apiUrl: env.env.GITHUB_API_URL, ...repo, pull }))
        env.logger.info(
          `changed-files-only: pull request #${pull} changes ${only.size} file${only.size === 1 ? '' : 's'}`
        )
      } catch (e) {
        if (!(e instanceof TooManyChangedFiles)) throw e
        env.logger.notice(`${e.message}; every file that "files" names is checked`)
      }
    }
  }
  const collected = await collectFiles(env.workspace, inputs.files, { ...(only ? { only } : {}), platforms })
  env.logger.info(
    `files: ${collected.files.length} file${collected.files.length === 1 ? '' : 's'} read, ${collected.refs.length} image reference${collected.refs.length === 1 ? '' : 's'} found`
  )
  return { refs: collected.refs, warnings: collected.warnings, errors: collected.errors }
}
