import VigilCore
