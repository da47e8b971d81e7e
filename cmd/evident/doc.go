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
                          --destination DIR   --baseURL URL   --check-links (fail on a broken URL of the pages, feeds, sitemaps, JSON or security.txt)
                          --csaf-key FILE (sign the CSAF documents; see security advisories below)
  serve [SITE]          live preview on http://127.0.0.1:1414/, reloads on every save
                          --bind ADDR   --port N
  verify DIR|URL        recompute every digest of a published site; name what differs
                          --key release.pub (require a valid SHA256SUMS.sig)
                          --timeout 5m (give up on a URL after this long; 0: never)
  matrix [SITE]         the coverage matrix: --format text|json|csv|markdown  --lang ja|en
  catalog [list]        the catalogs and their requirements: --framework ID  --lang ja|en
  catalog show ID       one requirement, e.g. evident catalog show "S(1)-2.2"
  export [SITE]         the declaration as data: --format json|csv|oscal
                          (csv: every framework, RFC 4180; oscal: an OSCAL 1.1.2 component definition)
  diff OLD NEW          what changed between two declarations, each a declaration.json, a built
                          site's folder or its URL (a site is verified first): --format text|markdown|json
                          --lang ja|en   --key release.pub   --timeout 5m
  compare SOURCE...     vendors' declarations side by side, each verified first (see for customers below):
                          --format html|markdown|csv   --lang ja|en   --require profile.toml
                          --key SOURCE=FILE (repeat per vendor)   --as-of YYYY-MM-DD   --timeout 5m
  version               print evident's version
  help [COMMAND]        this text, or a command's flags

exit codes:
  0    success (check: no errors; verify: everything matches)
  1    problems found (check errors, or warnings with --strict; verify differences; diff: the
       declarations differ; compare: a source was not compared, or does not meet the profile), or a failure
  2    the command line is wrong (compare: so is a profile with errors)
  3    diff: a declaration cannot be read, or its site fails verification
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
  file; a .sha256 file beside each artifact and SBOM; an RSS feed; sitemap.xml; the OSCAL
  catalog of each framework (oscal/catalog-cip.json, which the OSCAL export points at); and
  /.well-known/security.txt when [securitytxt] is configured.

security advisories (content/advisories/*.md):
  each advisory is a page, a CSAF 2.0 document, and VEX statements for the releases it
  names. The site is a CSAF provider: /.well-known/csaf/provider-metadata.json, the documents
  in white/YYYY/ with .sha256 and .sha512 beside each, index.txt, changes.csv, a listing page
  per folder, a ROLIE feed with its service and category documents, and a CSAF line in
  security.txt. Each release an advisory names gets vex/PRODUCT/VERSION.cdx.json (CycloneDX
  1.6) and .openvex.json (OpenVEX 0.2.0). Without a key the documents are hashed but not
  signed. To sign them (a CSAF trusted provider), put the OpenPGP public key in the site,
  [advisories] openpgpKey = "keys/csaf.asc" (gpg --armor --export), and give the build its
  private key: --csaf-key FILE or EVIDENT_CSAF_KEY=FILE, an ASCII-armored key (gpg --armor
  --export-secret-keys), its passphrase in EVIDENT_CSAF_KEY_PASSPHRASE when it is encrypted.
  A build refuses a key that does not match, and a site that names a key but gets none;
  serve signs nothing. The public key is published beside the metadata (openpgp/). An
  Ed25519 or RSA key signs deterministically: each signature is dated with its document.

for customers (diff, compare):
  a source is a site's URL, a built site's folder, or a declaration.json kept aside. A site is
  verified as verify does, with the same limits, before its declaration.json is read: the very
  declaration.json that verification digested (read once, at most 128 MiB); a file is read as it is
  and shown as not verified. A source that cannot be read, is not an evident site, fails
  verification, is of a newer declaration format, is too large or takes longer than --timeout is
  named with the reason and never compared; compare reports it and compares the others.
  diff lists the declaration's version and date, products, releases (added, removed, lifecycle,
  SBOMs), each requirement's status per product, evidence added, removed or changed (status,
  review date, requirements, products) and advisories added, updated or removed.
  compare writes one HTML page (the sites' theme, inlined: it loads nothing), Markdown or CSV (a
  row per source, product and requirement), in Japanese unless --lang en. Freshness is counted
  from --as-of, else SOURCE_DATE_EPOCH, else today; the report says which day.
  profile.toml (--require) says what every vendor must meet; each problem is reported at
  file:line:col:
    requirements = ["(1)", "(2)-4"]   categories (each of their requirements) or requirement IDs
    accept = ["implemented"]          the statuses that meet a requirement (the default: partial is
                                      not done, not-applicable is the vendor's own judgement)
    products = { "trust.example.com" = "acme-gateway" }   the product judged, by the host of the
                                      vendor's site or the source as given; else every product
    sboms = "supported"               every release not at its end of life has an SBOM ("latest": the
                                      newest release; a vendor that declares no release fails)
    maxAgeMonths = 18                 no evidence of the product reviewed longer ago than this

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
