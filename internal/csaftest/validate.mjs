// Runs the CSAF 2.0 schema test (strict) and mandatory tests (section 6.1) of
// @secvisogram/csaf-validator-lib, the reference implementation, over CSAF documents,
// and its recommended tests (section 6.2) for the log.
//
//   node validate.mjs LIBDIR FILE...
//
// LIBDIR is the package's folder (node_modules/@secvisogram/csaf-validator-lib). Prints a
// JSON array with one object per file: {file, valid, mandatory: [...], recommended: [...]},
// each finding {test, type, message, path}. valid is the mandatory tests' verdict.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const [lib, ...files] = process.argv.slice(2)
const load = async (name) => import(pathToFileURL(path.join(lib, name)).href)
// validate.js, not validateStrict.js: strict mode only refuses functions that are not the
// library's, and importing it loads the informative tests too (seconds of startup).
const validate = (await load('validate.js')).default
const schema = await load('schemaTests.js')
const mandatory = await load('mandatoryTests.js')
const optional = await load('optionalTests.js')

const findings = (result) =>
  result.tests.flatMap((t) =>
    ['errors', 'warnings', 'infos'].flatMap((type) =>
      (t[type] ?? []).map((f) => ({ test: t.name, type, message: f.message, path: f.instancePath }))
    )
  )

const out = []
for (const file of files) {
  const doc = JSON.parse(readFileSync(file, 'utf8'))
  const m = await validate([schema.csaf_2_0_strict, ...Object.values(mandatory)], doc)
  const r = await validate(Object.values(optional), doc)
  out.push({ file, valid: m.isValid, mandatory: findings(m), recommended: findings(r) })
}
process.stdout.write(JSON.stringify(out, null, 2) + '\n')
