module Schedules.Tests.OneCycleRuleTests
let tests = Expecto.Tests.testList "OneCycleRuleTests" []
