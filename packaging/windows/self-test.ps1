# Runs `<program> --self-test` and fails unless it exits 0, showing what it printed.
#   pwsh packaging/windows/self-test.ps1 -Exe dist\zonedesk\zonedesk.exe
# Start-Process -Wait: the windowed build is a GUI program, which PowerShell would otherwise
# start and leave without waiting for its exit code.
param([Parameter(Mandatory = $true)][string]$Exe)
$ErrorActionPreference = 'Stop'
if (-not (Test-Path -LiteralPath $Exe)) { throw "No program at $Exe" }
$folder = if ($env:RUNNER_TEMP) { $env:RUNNER_TEMP } else { [IO.Path]::GetTempPath() }
$out = Join-Path $folder 'self-test-out.txt'
$err = Join-Path $folder 'self-test-err.txt'
$started = Get-Date
$run = Start-Process -FilePath $Exe -ArgumentList '--self-test' -Wait -PassThru -NoNewWindow `
    -RedirectStandardOutput $out -RedirectStandardError $err
$seconds = [math]::Round(((Get-Date) - $started).TotalSeconds, 1)
Get-Content -LiteralPath $out, $err -Encoding utf8 -ErrorAction SilentlyContinue
Write-Output "$Exe --self-test: exit code $($run.ExitCode) after $seconds s"
if ($run.ExitCode -ne 0) { exit 1 }
