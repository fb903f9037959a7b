@echo off
rem govpub for this repository: govpub check, govpub serve, govpub new document ...
rem The first run installs govpub into .venv (python tasks.py setup); later runs reuse it.
if not exist "%~dp0.venv\Scripts\govpub.exe" (
    python "%~dp0tasks.py" setup || exit /b 1
)
"%~dp0.venv\Scripts\govpub.exe" %*
