; Sanad's Windows installer (NSIS 3): a per-user install, no administrator rights asked.
; Programs in %LOCALAPPDATA%\Programs\Sanad, the user's data in %APPDATA%\Sanad (made by Sanad
; itself; see advisor/model/paths.py), shortcuts in the Start menu, an uninstaller that keeps
; the data unless asked. Built by scripts/build_bundle.sh:
;   makensis -DVERSION=0.1.0 -DROOT=<source tree> -DDIST=<dist\Sanad> -DOUTFILE=<setup.exe> sanad.nsi
Unicode true
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "Give -DVERSION=x.y.z"
!endif
!ifndef ROOT
  !error "Give -DROOT=<the source tree>"
!endif
!ifndef DIST
  !error "Give -DDIST=<PyInstaller's dist\Sanad folder>"
!endif
!ifndef OUTFILE
  !define OUTFILE "Sanad-${VERSION}-setup.exe"
!endif

!define APP "Sanad"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Sanad"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP} installer: the offline certification advisor"
VIAddVersionKey "LegalCopyright" "Sanad"

!include "MUI2.nsh"
!define MUI_ICON "${ROOT}\resources\icons\sanad.ico"
!define MUI_UNICON "${ROOT}\resources\icons\sanad.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\Sanad.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Open Sanad now"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCOMPONENTSPAGE_TEXT_TOP "Sanad's programs will be removed. Your database, letters \
and backups in $APPDATA\Sanad are kept unless you tick the box below."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

Section "Sanad" SecApp
  SectionIn RO
  SetShellVarContext current
  ; A new version's libraries replace the old ones whole: a stale file from an older version
  ; could be loaded instead of the new one.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${DIST}\*"
  WriteUninstaller "$INSTDIR\Uninstall Sanad.exe"

  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\Sanad.lnk" "$INSTDIR\Sanad.exe"
  CreateShortcut "$SMPROGRAMS\${APP}\Sanad (demo data).lnk" "$INSTDIR\Sanad.exe" "--demo"
  CreateShortcut "$SMPROGRAMS\${APP}\Uninstall Sanad.lnk" "$INSTDIR\Uninstall Sanad.exe"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Sanad"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\Sanad.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall Sanad.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall Sanad.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "un.Sanad's programs and shortcuts" UnSecApp
  SectionIn RO
  SetShellVarContext current
  RMDir /r "$SMPROGRAMS\${APP}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\Sanad.exe"
  Delete "$INSTDIR\sanad-cli.exe"
  Delete "$INSTDIR\Uninstall Sanad.exe"
  RMDir "$INSTDIR"  ; only when empty: nothing of anyone else's is deleted
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd

; Off unless ticked (also in a silent uninstall): the register of issued letters must outlive
; a reinstall.
Section /o "un.Also delete my data (database, letters, backups, settings, logs)" UnSecData
  SetShellVarContext current
  RMDir /r "$APPDATA\${APP}"
  RMDir /r "$LOCALAPPDATA\${APP}"
SectionEnd
