// Command evident turns a folder of Markdown evidence into a public, linkable
// conformance site for a security declaration under Japan's guideline for Cyber
// Infrastructure Providers (「サイバーインフラ事業者に求められる役割等に関するガイドライン」).
//
// The manual below is what `evident help` prints.
package main

const manual = `evident — evidence in, a verifiable conformance site out.

usage: evident COMMAND [flags] [arguments]

A site is a folder with evident.toml and Markdown evidence in content/evidence/. Each
evidence file names the requirements it supports (requirements = ["S(1)-2.2"]), its status
(implemented, partial, planned, not-applicable) and the products it covers. With no command,
evident builds the site in the current folder.

commands:
  init [DIR]            write a new site (config, example evidence, catalog stub)
  check [SITE]          report every problem at file:line:col with what to do
                          --format text|json|github   --strict (warnings fail too)
  build [SITE]          check, then render the site into SITE/public (atomically)
                          --destination DIR   --baseURL URL   --check-links (fail on a broken internal link)
  serve [SITE]          live preview on http://127.0.0.1:1414/, reloads on every save
                          --bind ADDR   --port N
  verify DIR|URL        recompute every digest of a published site; name what differs
                          --key release.pub (require a valid SHA256SUMS.sig)
                          --timeout 5m (give up on a URL after this long; 0: never)
  matrix [SITE]         the coverage matrix: --format text|json|csv|markdown  --lang ja|en
  catalog [list]        the catalogs and their requirements: --framework ID  --lang ja|en
  catalog show ID       one requirement, e.g. evident catalog show "S(1)-2.2"
  export [SITE]         the declaration as data: --format json|csv|oscal
  version               print evident's version
  help [COMMAND]        this text, or a command's flags

exit codes:
  0    success (check: no errors; verify: everything matches)
  1    problems found (check errors, or warnings with --strict; verify differences), or a failure
  2    the command line is wrong
  130  interrupted by Ctrl-C or SIGTERM: a build then publishes nothing, the previous output
       stays, and its temporary output is removed (a second Ctrl-C ends evident at once)

the destination:
  a build replaces the destination folder whole, so it must be new, empty or an earlier
  evident output (its declaration.json was written by evident): never a file, nor a folder
  that contains the site. Inside the site, it must be under a top-level folder the build
  does not read: not content/, layouts/, static/ or another folder Hugo reads, nor a folder
  holding a catalog, an artifact or an SBOM. SITE/public and SITE/out/public are fine.
  Symbolic links are resolved first. The output is built in SITE/.public.evident-PID-N and
  renamed into place; the next build removes such a folder left by a killed build.

what a build publishes (SITE/public):
  the trust page, the coverage matrix, a page per requirement (/requirements/s1-2-2/) and per
  evidence item, SBOM, integrity and about pages, in every language of the site (/ and /en/);
  declaration.json; SHA256SUMS (sha256sum -c compatible) and integrity.json covering every
  file; a .sha256 file beside each artifact and SBOM; an RSS feed; sitemap.xml; and
  /.well-known/security.txt when [securitytxt] is configured.

dates:
  staleness and feed dates come from the content, the last git commit, or SOURCE_DATE_EPOCH,
  never from the clock, so two builds of the same input give the same bytes.

security:
  raw HTML in Markdown is off unless the site sets [hugo.markup.goldmark.renderer] unsafe = true;
  no file outside the site folder is read or published; serve listens on 127.0.0.1 only by default,
  never lists a folder, and answers only to localhost, 127.0.0.1, [::1] and the --bind address.
  [hugo] in evident.toml cannot set security (Hugo's policy stays evident's: a layout cannot read
  other environment variables), the folders Hugo reads and writes, or module; security.txt values
  are checked URIs and language tags on one line; published file names with control or
  bidirectional characters are refused, links to files are percent-encoded, and a CSV cell that
  a spreadsheet would run as a formula (=, +, -, @) starts with a single quote.
`
