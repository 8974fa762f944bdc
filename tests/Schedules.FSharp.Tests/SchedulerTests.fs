module Schedules.Tests.SchedulerTests
let tests = Expecto.Tests.testList "SchedulerTests" []
