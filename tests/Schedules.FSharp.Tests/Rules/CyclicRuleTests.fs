module Schedules.Tests.CyclicRuleTests
let tests = Expecto.Tests.testList "CyclicRuleTests" []
