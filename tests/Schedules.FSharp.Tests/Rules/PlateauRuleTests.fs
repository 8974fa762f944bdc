module Schedules.Tests.PlateauRuleTests
let tests = Expecto.Tests.testList "PlateauRuleTests" []
