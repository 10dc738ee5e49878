using RobotSdk.Cli;

return RobotCommand.Create().Parse(args).Invoke();
