; Windows installer for the bundle in dist\rrb-desktop (Inno Setup 6):
;   iscc /DAppVersion=0.1.0 packaging\windows\rrb-desktop.iss  ->  dist\rrb-desktop-0.1.0-setup.exe
; Built by .github/workflows/dist.yml after `pyinstaller packaging\rrb-desktop.spec`.
;
; Code signing: sign dist\rrb-desktop\*.exe BEFORE this script runs (so the installed
; programs are signed), then the setup .exe it writes (signtool, see the workflow). To have
; Inno Setup sign the installer and uninstaller itself, define a sign tool named "signtool"
; in the Inno Setup IDE or with iscc /S"signtool=..." and uncomment SignTool below.
;
; Uninstalling removes only what this installer copied into {app}. The archive and the
; settings are the user's and stay where the app keeps them (%LOCALAPPDATA%\rrb-desktop and
; HKCU\Software\rrb-desktop): there is deliberately no [UninstallDelete] section.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6F1D2C1E-5B7A-4C3E-9A8B-2E4F0D7C9B31}
AppName=rrb_desktop
AppVersion={#AppVersion}
AppVerName=rrb_desktop {#AppVersion}
AppPublisher=Mayor's Office for Policing and Crime
DefaultDirName={autopf}\rrb_desktop
DefaultGroupName=rrb_desktop
DisableProgramGroupPage=yes
; Per-user install without administrator rights is allowed; IT deploying for everyone
; runs it with /ALLUSERS (or from an elevated prompt), silently with /VERYSILENT.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=rrb-desktop-{#AppVersion}-setup
SetupIconFile=..\rrb-desktop.ico
UninstallDisplayIcon={app}\rrb-desktop.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
; SignTool=signtool

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Files]
Source: "..\..\dist\rrb-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\rrb_desktop"; Filename: "{app}\rrb-desktop.exe"
Name: "{autodesktop}\rrb_desktop"; Filename: "{app}\rrb-desktop.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\rrb-desktop.exe"; Description: "{cm:LaunchProgram,rrb_desktop}"; Flags: nowait postinstall skipifsilent
