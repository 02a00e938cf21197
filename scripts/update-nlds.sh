#!/usr/bin/env bash
# Vendors the NL Design System CSS the portal uses into static/vendor/utrecht/:
# the Utrecht design tokens (the base every component reads) and the CSS of
# the Utrecht components the templates use, as built by their packages.
# Needs node and npm on the machine that updates; running the portal needs
# neither. Usage: make nlds (or scripts/update-nlds.sh from the checkout).
set -euo pipefail

# The pinned versions: change them here, run `make nlds`, commit the result.
COMPONENT_LIBRARY_VERSION=9.0.4
DESIGN_TOKENS_VERSION=5.0.1

# The components the portal's templates use. Their packages come with
# @utrecht/component-library-css at the version above; the full bundle holds
# some ninety components, so only these are copied (page weight).
COMPONENTS=(
  document page page-header page-content page-footer skip-link
  nav-bar nav-list link breadcrumb-nav
  heading-1 heading-2 heading-3 heading-4 paragraph unordered-list ordered-list
  button button-link button-group action-group
  form-field form-fieldset form-label form-field-description
  form-field-error-message textbox textarea select checkbox radio-button
  table alert status-badge pagination mark blockquote code separator
)

root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/static/vendor/utrecht"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm init --yes >/dev/null
npm install --no-audit --no-fund --silent --ignore-scripts \
  "@utrecht/component-library-css@$COMPONENT_LIBRARY_VERSION" \
  "@utrecht/design-tokens@$DESIGN_TOKENS_VERSION"
modules="$work/node_modules/@utrecht"

rm -rf "$dest"
mkdir -p "$dest"
cp "$modules/design-tokens/dist/theme.css" "$dest/design-tokens.css"
cp "$modules/design-tokens/LICENSE.md" "$dest/LICENSE-design-tokens.md"
cp "$modules/component-library-css/LICENSE.md" "$dest/LICENSE-component-library.md"

versions=""
{
  echo '@charset "UTF-8";'
  echo "/* @utrecht/component-library-css $COMPONENT_LIBRARY_VERSION: the components"
  echo "   the Buurtaanpak portal uses (scripts/update-nlds.sh). EUPL-1.2. */"
  for name in "${COMPONENTS[@]}"; do
    package="$modules/$name-css"
    version="$(node -p "require('$package/package.json').version")"
    versions+="| \`@utrecht/$name-css\` | $version |"$'\n'
    echo "/* @utrecht/$name-css $version */"
    sed -e '/^@charset/d' "$package/dist/index.css"
    echo
  done
} >"$dest/components.css"

cat >"$dest/README.md" <<README
# NL Design System: Utrecht components and design tokens

Vendored by \`make nlds\` (scripts/update-nlds.sh); do not edit these files.
The portal's own theme, which sets the tokens these components read, is
static/css/theme.css (docs/adr/0013-nl-design-system.md).

| file | source | licence |
|---|---|---|
| \`design-tokens.css\` | \`@utrecht/design-tokens\` $DESIGN_TOKENS_VERSION, \`dist/theme.css\` (class \`utrecht-theme\`) | CC0-1.0, LICENSE-design-tokens.md |
| \`components.css\` | \`@utrecht/component-library-css\` $COMPONENT_LIBRARY_VERSION: the components below, \`dist/index.css\` of each | EUPL-1.2, LICENSE-component-library.md |

| component package | version |
|---|---|
${versions}
README
echo "static/vendor/utrecht: component library $COMPONENT_LIBRARY_VERSION, design tokens $DESIGN_TOKENS_VERSION"
