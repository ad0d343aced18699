import CSPRCommands

await CSPRMain.run()
