module Schedules.Tests.WarmRestartsRuleTests
let tests = Expecto.Tests.testList "WarmRestartsRuleTests" []
