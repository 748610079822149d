; Inno Setup script: turns the one-folder bundle (dist\live-desktop, from PyInstaller on
; Windows) into dist\live-desktop-<version>-windows-x64-setup.exe. Inno Setup 6.3 or newer.
;
;   packaging\windows\build.ps1            builds the bundle, runs its self-test, then this
;   iscc /DAppVersion=0.1.0 packaging\windows\live_desktop.iss      this step alone
;
; build.ps1 reads the version from the package (live_desktop\__init__.py) and passes it in.
; Installs per user by default (no administrator rights; %LOCALAPPDATA%\Programs\Live Desktop),
; or for all users if the person chooses so in the first page.

#define AppName "Live Desktop"
#define AppExe "live-desktop.exe"
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z live_desktop.iss (build.ps1 does)
#endif
#define Root AddBackslash(SourcePath) + "..\.."

[Setup]
; The AppId identifies the installation for upgrades and uninstall: never change it.
AppId={{6C1F7A2E-3B94-4D1A-9E58-7D2B0C4F8A61}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Live Desktop contributors
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; The bundle is x64 only (the wheels it is built from are).
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Windows 10 1809 or newer: what Qt 6 supports.
MinVersion=10.0.17763
OutputDir={#Root}\dist
OutputBaseFilename=live-desktop-{#AppVersion}-windows-x64-setup
SetupIconFile={#Root}\build\icons\live-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An open Live Desktop holds its files: ask to close it rather than fail half-way.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "brazilianportuguese"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"
; Simplified Chinese is not among Inno Setup's bundled translations. To add it, put the
; community translation ChineseSimplified.isl into Inno Setup's Languages folder and remove
; the ";" below.
; Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundle as a whole: libraries the old version had and the new one
; has not must not stay behind next to it.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Root}\dist\live-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Talk with Gemini in real time"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installer put there; the settings, the stored API key (Windows Credential
; Manager) and the logs in %LOCALAPPDATA%\live-desktop are the person's and stay.
Type: dirifempty; Name: "{app}"
