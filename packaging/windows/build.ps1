# Builds the Windows installer: the PyInstaller bundle, its self-test, then Inno Setup.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Needs Python 3.11+ (python.org, the "py" launcher) and Inno Setup 6.3+ (ISCC.exe on PATH or
# in its default folder). Writes dist\live-desktop\ and
# dist\live-desktop-<version>-windows-x64-setup.exe. See docs\packaging.md.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

if (-not (Test-Path ".venv\Scripts\python.exe")) {
    py -3 -m venv .venv
    if ($LASTEXITCODE) { throw "could not create .venv (is Python 3.11+ installed?)" }
}
.venv\Scripts\python -m pip install --disable-pip-version-check -e ".[dev,package]"
if ($LASTEXITCODE) { throw "pip install failed" }

# The spec compiles the translations and renders the icons itself when they are missing.
.venv\Scripts\pyinstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\live_desktop.spec
if ($LASTEXITCODE) { throw "PyInstaller failed" }

# live-desktop.exe is a GUI program without a console; its twin live-desktop-console.exe
# prints the self-test's JSON line.
$env:QT_QPA_PLATFORM = "offscreen"
$result = & dist\live-desktop\live-desktop-console.exe --self-test
Remove-Item Env:\QT_QPA_PLATFORM
Write-Output $result
if ($LASTEXITCODE) { throw "the bundle's self-test failed (see the JSON line above)" }

$version = (.venv\Scripts\python -c "import live_desktop; print(live_desktop.__version__)").Trim()
$iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $iscc)) { throw "Inno Setup 6 (ISCC.exe) not found: install it from jrsoftware.org" }
& $iscc "/DAppVersion=$version" packaging\windows\live_desktop.iss
if ($LASTEXITCODE) { throw "Inno Setup failed" }
Write-Output "dist\live-desktop-$version-windows-x64-setup.exe"
