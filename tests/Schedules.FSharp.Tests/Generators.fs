module Schedules.Tests.Generators
let tests = Expecto.Tests.testList "Generators" []
