@echo off
rem zuora-callout-resend: starts the command-line tool (lib\zuora-callout-resend-cli.jar) on Java 17+.
rem
rem   JAVA_HOME  the Java runtime to use (%JAVA_HOME%\bin\java.exe); else java.exe on PATH
rem   JAVA_OPTS  JVM options, after the launcher's own (so they can override them)
rem
rem The tool's exit status is this script's. Unlike bin/zuora-callout-resend, this launcher keeps
rem no class data sharing archive. No parenthesised blocks: a JAVA_HOME under
rem "C:\Program Files (x86)" would end them early.
setlocal

set "APP_HOME=%~dp0.."
set "JAR=%APP_HOME%\lib\zuora-callout-resend-cli.jar"

if defined JAVA_HOME goto javaHome
set "JAVA_CMD=java.exe"
where /q java.exe
if errorlevel 1 goto noJava
goto run

:javaHome
set "JAVA_CMD=%JAVA_HOME%\bin\java.exe"
if exist "%JAVA_CMD%" goto run
echo error: JAVA_HOME is set to '%JAVA_HOME%', but %JAVA_CMD% is not a program: point JAVA_HOME at a Java 17 or newer runtime, or unset it to use the java on PATH 1>&2
exit /b 1

:noJava
echo error: no java found: install a Java 17 or newer runtime, and set JAVA_HOME to it or put its bin directory on PATH 1>&2
exit /b 1

:run
rem The JVM's own messages go to stderr (stdout holds the report); C1 only, as in the sh launcher.
"%JAVA_CMD%" -Xlog:disable -Xlog:all=warning:stderr -XX:TieredStopAtLevel=1 %JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
