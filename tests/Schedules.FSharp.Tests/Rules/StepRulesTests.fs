module Schedules.Tests.StepRulesTests
let tests = Expecto.Tests.testList "StepRulesTests" []
