; Zone Desk (园区服务台) for Windows: an Inno Setup 6 script (6.3 or later).
;
;   iscc /DAppVersion=0.1.0 packaging\windows\zonedesk.iss
;
; Installs the PyInstaller one-folder bundle (dist\zonedesk\, made by
; `pyinstaller packaging/zonedesk.spec`) for the person installing, without administrator
; rights: into %LOCALAPPDATA%\Programs\Zone Desk ({autopf} in a per-user install), with an entry
; in that person's Start menu and an uninstaller (Settings > Apps). The installer is written to
; dist\zonedesk-<version>-setup.exe. .github/workflows/windows-package.yml builds it, installs it
; silently (/VERYSILENT /CURRENTUSER), runs the installed `zonedesk.exe --self-test` and
; uninstalls it.
;
; The person's data is NOT in the program's folder: the database, its backups, the signing key,
; the log and the settings live in the data folder %LOCALAPPDATA%\ZoneDesk (db/locations.py,
; through platformdirs). The uninstaller removes only the files it installed, so the database
; survives an uninstall and a reinstall or upgrade opens it again. Never name the data folder in
; [InstallDelete] or [UninstallDelete].
;
; This file is UTF-8 with a byte-order mark (the Chinese name below).

#ifndef AppVersion
  #error Give the version on the command line: iscc /DAppVersion=0.1.0 packaging\windows\zonedesk.iss
#endif
#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or later is needed (x64compatible)
#endif

#define AppName "Zone Desk"
#define ChineseName "园区服务台"
; the Start-menu entry carries both names, so 园区服务台 and Zone Desk both find it in a search
#define ShortcutName ChineseName + " " + AppName
#define Root AddBackslash(SourcePath) + "..\.."
#define Bundle Root + "\dist\zonedesk"
#define Icon Root + "\resources\icons\zonedesk.ico"

[Setup]
; never change the AppId: it is how an upgrade finds the installed program
AppId={{4EC3D56E-3995-48B7-8648-448302573643}
AppName={#ShortcutName}
AppVersion={#AppVersion}
AppPublisher=Zone Desk contributors
; per user, no administrator: {autopf} is %LOCALAPPDATA%\Programs, {autoprograms} the
; person's own Start menu; /ALLUSERS on the command line lets IT install for everyone instead
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 and later
MinVersion=10.0
SetupIconFile={#Icon}
UninstallDisplayIcon={app}\zonedesk.ico
UninstallDisplayName={#ShortcutName}
OutputDir={#Root}\dist
OutputBaseFilename=zonedesk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
SetupLogging=yes
; a running Zone Desk is asked to close before its files are replaced
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Simplified Chinese is an unofficial translation in Inno Setup 6 and not installed with it;
; where the compiler has it, the installer speaks Chinese on a Chinese Windows
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; an upgrade replaces the whole program: what an older bundle had and this one has not goes
; first (the program's folder only; the data folder is elsewhere, see the top of this file)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Icon}"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#ShortcutName}"; Filename: "{app}\zonedesk.exe"; IconFilename: "{app}\zonedesk.ico"
Name: "{autodesktop}\{#ShortcutName}"; Filename: "{app}\zonedesk.exe"; IconFilename: "{app}\zonedesk.ico"; Tasks: desktopicon

[Run]
Filename: "{app}\zonedesk.exe"; Description: "{cm:LaunchProgram,{#ShortcutName}}"; Flags: nowait postinstall skipifsilent

; [UninstallDelete] is left out on purpose: the uninstaller removes what [Files] and [Icons]
; put in place and nothing else, and never the data folder with the database.
