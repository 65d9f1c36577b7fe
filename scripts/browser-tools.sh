#!/usr/bin/env bash
# The pinned browser tools in Antonio.Tests/browser-tools (Lighthouse for the page-quality gate, axe-core for the
# journeys' accessibility checks) and Debian's Chromium they drive. Source it after scripts/services.sh (it uses
# apt_install). Node from Debian when missing; npm ci only when an installed version is not the pinned one.
command -v node >/dev/null 2>&1 || apt_install nodejs
command -v npm >/dev/null 2>&1 || apt_install npm
apt_install chromium fonts-dejavu-core
browser_tools=Antonio.Tests/browser-tools
if ! node -e "
  const pinned = require('./$browser_tools/package.json').dependencies;
  for (const [name, version] of Object.entries(pinned)) {
    let have = '';
    try { have = require('./$browser_tools/node_modules/' + name + '/package.json').version; } catch {}
    if (have !== version) process.exit(1);
  }"; then
  npm ci --prefix "$browser_tools" --no-audit --no-fund --loglevel=error
fi
